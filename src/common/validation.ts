import { isEmail, isURL } from 'class-validator';
import { AppError } from '../errors/index.js';

/** Trims and checks a username: 3–32 letters, digits, `_`, `.` or `-` (unicode letters allowed). */
export function normalizeUsername(raw: string, field = 'username'): string {
  const value = raw.trim();
  const length = [...value].length;
  if (length < 3 || length > 32)
    throw AppError.badInput(field, 'Username must be 3 to 32 characters');
  if (!/^[\p{L}\p{N}_.-]+$/u.test(value)) {
    throw AppError.badInput(field, 'Username may contain letters, digits, "_", "." and "-" only');
  }
  return value;
}

/** Trims and checks an email address (at most 254 characters). */
export function normalizeEmail(raw: string, field = 'email'): string {
  const value = raw.trim();
  if (value.length > 254 || !isEmail(value))
    throw AppError.badInput(field, 'Not a valid email address');
  return value;
}

/** Trims and checks a mainland China mobile number: 11 digits starting with 1. */
export function normalizePhone(raw: string, field = 'phone'): string {
  const value = raw.trim().replace(/^\+86[ -]?/, '');
  if (!/^1\d{10}$/.test(value))
    throw AppError.badInput(
      field,
      'Phone must be a mainland mobile number: 11 digits starting with 1',
    );
  return value;
}

/** Trims a text and checks its length in characters. */
export function requireText(
  raw: string,
  field: string,
  { min = 1, max }: { min?: number; max: number },
): string {
  const value = raw.trim();
  const length = [...value].length;
  if (length < min || length > max) {
    throw AppError.badInput(
      field,
      min === max
        ? `${field} must be ${min} characters`
        : `${field} must be ${min} to ${max} characters`,
    );
  }
  return value;
}

/** Like {@link requireText} but `null`/empty clears the value. */
export function optionalText(raw: string | null, field: string, max: number): string | null {
  if (raw === null) return null;
  const value = raw.trim();
  if (value === '') return null;
  return requireText(value, field, { max });
}

/** Checks an http(s) URL (at most 2,000 characters). */
export function normalizeUrl(raw: string, field: string): string {
  const value = raw.trim();
  if (
    value.length > 2000 ||
    !isURL(value, { protocols: ['http', 'https'], require_protocol: true })
  ) {
    throw AppError.badInput(field, 'Must be an http(s) URL');
  }
  return value;
}
