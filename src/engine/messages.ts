/** Fills `{{name}}` placeholders from `data`; unknown placeholders stay visible. */
export function formatMessage(template: string, data?: Record<string, string | number>): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}
