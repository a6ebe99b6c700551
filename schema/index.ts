export * from "./dev-mailbox";
export * from "./outbox";
export * from "./people";
export * from "./petitions";
export * from "./tokens";
