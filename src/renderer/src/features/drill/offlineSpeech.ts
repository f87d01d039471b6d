/**
 * Speaking the question with the system's own speech synthesis, offline only: a voice whose
 * `localService` is true runs on this machine. A network voice would send the question (and so
 * the user's own question types) to a speech service, which Story Bank never does.
 */

/** The first offline voice (the system's default first, if it is offline), or null. */
export function offlineVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  const local = speechSynthesis.getVoices().filter((voice) => voice.localService === true);
  return local.find((voice) => voice.default) ?? local[0] ?? null;
}

/** Calls `onchange` when the system's voices load or change (they may come after the page); returns the unsubscribe. */
export function onVoicesChanged(onchange: () => void): () => void {
  if (typeof speechSynthesis === 'undefined') return () => {};
  speechSynthesis.addEventListener('voiceschanged', onchange);
  return () => speechSynthesis.removeEventListener('voiceschanged', onchange);
}

/** Speaks `text` with `voice` (an offline one), stopping anything spoken before. */
export function speak(text: string, voice: SpeechSynthesisVoice): void {
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  speechSynthesis.speak(utterance);
}

export function stopSpeaking(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
