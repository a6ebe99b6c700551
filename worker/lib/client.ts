import type { Context } from "hono";
import { hmac } from "./crypto";

/** The caller's IP as Cloudflare reports it; never stored, only hashed. */
export function clientIp(c: Context): string {
	return c.req.header("cf-connecting-ip") ?? "unknown";
}

/** Keyed hash of an IP address: lets abuse checks group requests without keeping the address. */
export function hashIp(secret: string, ip: string): Promise<string> {
	return hmac(secret, `ip:${ip}`);
}
