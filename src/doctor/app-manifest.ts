import fs from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";

const manifestFile = new URL("../../app.yml", import.meta.url);

const manifestSchema = z.object({
  default_permissions: z.record(z.string(), z.enum(["read", "write", "admin"])),
  default_events: z.array(z.string()),
});

/** What app.yml asks GitHub for: each permission's access, and the events. */
export type Manifest = z.infer<typeof manifestSchema>;

// Delivered to every app whatever it subscribes to; app.yml lists them for the reader only.
const ALWAYS_DELIVERED = new Set(["installation", "installation_repositories"]);

export async function readManifest(file: URL | string = manifestFile): Promise<Manifest> {
  const manifest = manifestSchema.parse(parse(await fs.readFile(file, "utf8")));
  return { ...manifest, default_events: manifest.default_events.filter((event) => !ALWAYS_DELIVERED.has(event)) };
}

const LEVELS: Record<string, number> = { read: 1, write: 2, admin: 3 };

/** What `granted` lacks of the manifest, in words: `issues: write (has read)`, `event discussion`. */
export function lacking(manifest: Manifest, granted: { permissions?: Record<string, string | undefined>; events?: string[] }): string[] {
  const permissions = Object.entries(manifest.default_permissions).flatMap(([name, level]) => {
    const has = granted.permissions?.[name];
    if ((LEVELS[has ?? ""] ?? 0) >= (LEVELS[level] ?? 0)) return [];
    return [`${name}: ${level} (${has ? `has ${has}` : "not granted"})`];
  });
  const events = manifest.default_events.filter((event) => !(granted.events ?? []).includes(event)).map((event) => `event ${event}`);
  return [...permissions, ...events];
}
