// `&embed=1` in the link hash: the lab with minimal chrome, for iframes in course pages.
export function embedFromHash(hash: string): boolean {
  return /[#&]embed=(1|true)?(&|$)/.test(hash) || /[#&]embed(&|$)/.test(hash);
}
