/** The client's registered logo, decorative size, with its name as the text alternative. */
export function ClientLogo({ src, alt }: { src: string; alt: string }) {
  // next/image needs every remote origin listed in advance; client logos can be on any origin.
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt={alt} width={64} height={64} className="size-16 rounded-brand object-contain" referrerPolicy="no-referrer" />;
}
