// Copy with the async clipboard API; where it is missing or refused (http, iframes without
// permission), select the text in its field so Ctrl+C / the context menu does the rest.
export async function copyText(
  text: string,
  field?: HTMLInputElement | HTMLTextAreaElement | null,
) {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return 'copied' as const;
  } catch {
    if (field) {
      field.focus();
      field.select();
    }
    try {
      // Deprecated but still the only synchronous path in some embedded browsers.
      if (field && document.execCommand('copy')) return 'copied' as const;
    } catch {
      // fall through to "selected"
    }
    return 'selected' as const;
  }
}
