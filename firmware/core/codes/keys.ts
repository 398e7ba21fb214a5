/**
 * The box's keys, all derived from its 20-byte master secret S with HMAC-SHA1, so that the
 * owner's authenticator app, the delivery codes and the USB authentication never share a key
 * (a leaked authenticator secret does not let anyone make delivery codes, and so on). The
 * authenticator's otpauth:// URI is made by the owner's tool (./host.ts ownerOtpauthUri).
 */
import type { ByteString } from "../bytes";
import type { Hasher } from "../hash/hasher";

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
    // HMAC-SHA1 is 20 bytes: the size of key an authenticator app's otpauth:// URI carries.
    ownerKey: hasher.hmac("sha1", secret, "parcelbox owner totp"),
    codeKey: hasher.hmac("sha1", secret, "parcelbox delivery codes"),
    // deriveUsbKey's key, written out: the box needs no second function for it.
    usbKey: hasher.hmac("sha1", secret, "parcelbox usb"),
  };
}
