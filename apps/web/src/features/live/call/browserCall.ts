import type { CallEnvironment, LevelMeter } from './callMesh';
import { levelDb } from './voiceActivity';

/** The browser's WebRTC, media devices and Web Audio for the call (CallMesh takes fakes in tests). */
export function browserCallEnvironment(offsetMs: () => number): CallEnvironment {
  let audio: AudioContext | null = null;
  return {
    createPeer: (config) => new RTCPeerConnection(config),
    getUserMedia: (constraints) => {
      if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(Object.assign(new Error('no media devices'), { name: 'NotFoundError' }));
      return navigator.mediaDevices.getUserMedia(constraints);
    },
    meter(stream): LevelMeter | null {
      if (stream.getAudioTracks().length === 0 || typeof AudioContext === 'undefined') return null;
      audio ??= new AudioContext();
      void audio.resume();
      const source = audio.createMediaStreamSource(stream);
      const analyser = audio.createAnalyser();
      analyser.fftSize = 1024;
      source.connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      return {
        level: () => {
          analyser.getFloatTimeDomainData(samples);
          return levelDb(samples);
        },
        close: () => source.disconnect(),
      };
    },
    now: () => Date.now() + offsetMs(),
    every: (ms, run) => {
      const handle = setInterval(run, ms);
      return () => clearInterval(handle);
    },
  };
}
