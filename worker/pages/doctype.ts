import { raw } from "hono/html";

/** Written before `<html>` in every page: without it browsers render in quirks mode. */
export const DOCTYPE = raw("<!DOCTYPE html>");
