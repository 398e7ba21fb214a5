// qrcode-terminal 0.12 ships no types; it is a CommonJS module, so ESM sees one default export.
declare module "qrcode-terminal" {
  const qrcodeTerminal: {
    generate(text: string, options: { small?: boolean }, callback: (qr: string) => void): void;
  };
  export default qrcodeTerminal;
}
