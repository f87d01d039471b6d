/** Plays a live stream in a <video> (srcObject cannot be set from markup): `use:showStream={stream}`. */
export function showStream(video: HTMLVideoElement, stream: MediaStream): { update: (s: MediaStream) => void } {
  video.srcObject = stream;
  void video.play().catch(() => {});
  return { update: (next) => void (video.srcObject = next) };
}
