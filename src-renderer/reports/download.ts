/** Saves a file the engine made (a PDF as base64, a CSV as text) through the browser's download. */
export function download(fileName: string, content: { base64: string } | { text: string; type: string }): void {
  const blob =
    'base64' in content
      ? new Blob([Uint8Array.from(atob(content.base64), (c) => c.charCodeAt(0))], { type: 'application/pdf' })
      : new Blob([content.text], { type: content.type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
