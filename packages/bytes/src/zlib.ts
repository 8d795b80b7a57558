// zlib.compress / zlib.decompress in the page: CompressionStream('deflate') is the zlib format
// (RFC 1950), which Python's zlib reads and writes.

async function through(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export function zlibCompress(data: Uint8Array): Promise<Uint8Array> {
  return through(data, new CompressionStream('deflate'));
}

export function zlibDecompress(data: Uint8Array): Promise<Uint8Array> {
  return through(data, new DecompressionStream('deflate'));
}
