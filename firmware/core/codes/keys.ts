/**
 * The box's keys, all derived from its 20-byte master secret S with HMAC-SHA1, so that the
 * owner's authenticator app, the delivery codes and the USB authentication never share a key
 * (a leaked authenticator secret does not let anyone make delivery codes, and so on).
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";
import { base32Encode } from "../otp/base32";

/** Bytes of the master secret, the size of an HMAC-SHA1 key that needs no hashing. */
export const SECRET_BYTES = 20;

export interface BoxKeys {
  /** RFC 6238 key of the owner's authenticator app: HMAC(S, "parcelbox owner totp"). */
  ownerKey: ByteString;
  /** Key of delivery and pickup codes: HMAC(S, "parcelbox delivery codes"). */
  codeKey: ByteString;
  /** Key of the USB challenge-response: HMAC(S, "parcelbox usb"). */
  usbKey: ByteString;
}

/** The USB port's key alone, for the owner's tool (docs/protocol.md, "Authentication"). */
export function deriveUsbKey(hasher: Hasher, secret: ByteString): ByteString {
  return hasher.hmac("sha1", secret, "parcelbox usb");
}

/**
 * The three keys from the master secret (SECRET_BYTES bytes: the USB protocol and the store
 * refuse any other size, so it is not checked again here).
 */
export function deriveKeys(hasher: Hasher, secret: ByteString): BoxKeys {
  return {
    ownerKey: hasher.hmac("sha1", secret, "parcelbox owner totp").slice(0, 20),
    codeKey: hasher.hmac("sha1", secret, "parcelbox delivery codes"),
    usbKey: deriveUsbKey(hasher, secret),
  };
}

const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const HEX_UPPER = "0123456789ABCDEF";

/** RFC 3986 percent-encoding of a byte string (the label may hold spaces and ':' only encoded). */
function percentEncode(text: string): string {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (UNRESERVED.indexOf(ch) >= 0) {
      out.push(ch);
    } else {
      const b = text.charCodeAt(i) & 255;
      out.push("%" + HEX_UPPER.charAt(ushr(b, 4)) + HEX_UPPER.charAt(b & 15));
    }
  }
  return out.join("");
}

/**
 * The otpauth:// URI the owner's tool shows as a QR code at provisioning: SHA1, 6 digits,
 * 30 s, written out even though they are the defaults, so no app guesses otherwise.
 */
export function ownerOtpauthUri(ownerKey: ByteString, account: string): string {
  const label = percentEncode("parcelbox") + ":" + percentEncode(account);
  return "otpauth://totp/" + label + "?secret=" + base32Encode(ownerKey) + "&issuer=parcelbox&algorithm=SHA1&digits=6&period=30";
}
