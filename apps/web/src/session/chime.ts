/**
 * A short, soft two-note chime made with WebAudio (no audio file to fetch). Browsers only let a
 * page play sound after the person has touched it; {@link unlockAudio} on the first tap takes
 * care of that, and without it the chime silently does nothing.
 */
let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Constructor =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Constructor) return null;
  try {
    context = new Constructor();
  } catch {
    return null;
  }
  return context;
}

/** Call from a user gesture (e.g. the first pointerdown) so a later chime may play. */
export function unlockAudio(): void {
  const audio = audioContext();
  if (audio?.state === 'suspended') void audio.resume().catch(() => undefined);
}

/** Plays the end-of-timer chime: two sine notes that fade in and out, under a second long. */
export function playChime(): void {
  const audio = audioContext();
  if (!audio) return;
  if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  const start = audio.currentTime + 0.05;
  // A major sixth (C6, A5) at low volume: noticeable in a quiet room without startling anyone.
  [1046.5, 880].forEach((frequency, index) => {
    const at = start + index * 0.28;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.12, at + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + 1);
  });
}
