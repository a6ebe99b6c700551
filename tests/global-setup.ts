// Starts the local Resend/Turnstile stand-in once for the whole run; the Worker under test
// reaches it over loopback (RESEND_BASE_URL, TURNSTILE_VERIFY_URL), tests inspect it over HTTP.
import type { TestProject } from "vitest/node";
import { buildCards } from "../scripts/build-cards.ts";
import { buildMap } from "../scripts/build-map.ts";
import { buildWidget } from "../scripts/build-widget.ts";
import { startStandIn } from "./stand-ins/server.ts";

declare module "vitest" {
	export interface ProvidedContext {
		standInUrl: string;
	}
}

export default async function setup(project: TestProject) {
	// The Worker imports the built widget (worker/widget/dist) and map (worker/pages/map/dist), and
	// reads the cards' type from its assets (worker/cards/dist): build them as wrangler's [build] would.
	await buildWidget();
	buildMap();
	buildCards();
	const standIn = await startStandIn();
	project.provide("standInUrl", standIn.url);
	return () => standIn.close();
}
