// The widget's words live in worker/i18n/widget.ts (the `widget` section of the catalogs and the
// pages' words it shares); this re-export keeps older imports working.
export { type WidgetStrings, widgetStrings } from "../i18n/widget";
