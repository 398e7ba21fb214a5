/**
 * The text a label PDF draws, in drawing order: reads each page's content streams and decodes the
 * hex strings pdf-lib writes for the standard fonts (WinAnsi; the label uses only its Latin-1 part).
 */
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from "pdf-lib";

export async function pdfPages(bytes: Uint8Array): Promise<{ width: number; height: number; texts: string[] }[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    const texts: string[] = [];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const source = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
      for (const m of source.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) texts.push(Buffer.from(m[1], "hex").toString("latin1"));
    }
    return { ...page.getSize(), texts };
  });
}
