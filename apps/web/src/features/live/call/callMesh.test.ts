import { beforeEach, describe, expect, it } from 'vitest';
import { CallMesh, MIC_REFUSED, NO_CONNECTION, NO_MIC, REPORT_MS } from './callMesh';
import { FakeCallEnvironment, FakeCallServer, FakePeerConnection, settle } from './callTesting';

const peerOf = (mesh: CallMesh, userId: string) => {
  const found = FakePeerConnection.all.filter((pc) => !pc.closed);
  return { found, view: mesh.getSnapshot().peers.find((p) => p.userId === userId) };
};

describe(CallMesh.name, () => {
  beforeEach(() => {
    FakePeerConnection.all = [];
  });

  describe('join', () => {
    it('connects to each person already in the call, offer and answer through the server, audio arriving', async () => {
      const server = new FakeCallServer();
      const [envA, envB] = [new FakeCallEnvironment(), new FakeCallEnvironment()];
      const ann = new CallMesh('ann', server.for('ann'), envA);
      const bob = new CallMesh('bob', server.for('bob'), envB);
      await ann.join();
      await bob.join();
      await settle();
      expect(ann.getSnapshot()).toMatchObject({ status: 'in-call', muted: false, peers: [{ userId: 'bob', status: 'connected' }] });
      expect(bob.getSnapshot()).toMatchObject({ status: 'in-call', peers: [{ userId: 'ann', status: 'connected' }] });
      expect(bob.getSnapshot().peers[0].stream).not.toBeNull();
      // Bob (newer) offered, Ann answered; candidates followed the descriptions.
      expect(server.signals.filter((s) => s.description).map((s) => `${s.from}:${s.description!.type}`)).toEqual(['bob:offer', 'ann:answer']);
      expect(server.signals.some((s) => s.candidate && s.from === 'bob')).toBe(true);
      expect(FakePeerConnection.all.every((pc) => pc.config.iceServers?.[0].urls === 'stun:stun.test')).toBe(true);
    });

    it('settles offers that cross (perfect negotiation): the polite side (lower id) gives way, the impolite ignores the other offer', async () => {
      const server = new FakeCallServer();
      const ann = new CallMesh('ann', server.for('ann'), new FakeCallEnvironment());
      const bob = new CallMesh('bob', server.for('bob'), new FakeCallEnvironment());
      await ann.join();
      await bob.join();
      // Both make an offer at once (Ann's from a camera she turns on as Bob arrives).
      await Promise.all([ann.setVideo(true), settle(1)]);
      await settle(40);
      const [annPc, bobPc] = [FakePeerConnection.all.find((pc) => pc.tracks.length === 2), FakePeerConnection.all.find((pc) => pc.tracks.length === 1)];
      expect(annPc?.signalingState).toBe('stable');
      expect(bobPc?.signalingState).toBe('stable');
      expect(ann.getSnapshot().peers[0].status).toBe('connected');
      expect(bob.getSnapshot().peers[0].status).toBe('connected');
    });

    it('says what to do when the browser refuses the microphone, or there is none', async () => {
      for (const [name, message] of [['NotAllowedError', MIC_REFUSED], ['NotFoundError', NO_MIC]] as const) {
        const env = new FakeCallEnvironment();
        env.refuse = name;
        const mesh = new CallMesh('ann', new FakeCallServer().for('ann'), env);
        await mesh.join();
        expect(mesh.getSnapshot()).toMatchObject({ status: 'idle', error: message });
      }
      expect(MIC_REFUSED).toMatch(/video link/);
    });

    it('shows the server\'s refusal (a full call) and stays out', async () => {
      const server = new FakeCallServer();
      server.refuseJoin = 'The call is full: 8 people at most.';
      const mesh = new CallMesh('ann', server.for('ann'), new FakeCallEnvironment());
      await mesh.join();
      expect(mesh.getSnapshot()).toMatchObject({ status: 'idle', error: 'The call is full: 8 people at most.' });
    });
  });

  describe('connections', () => {
    it('restarts ICE when a connection fails, and after three failures says a TURN server or the video link would help', async () => {
      const server = new FakeCallServer();
      const ann = new CallMesh('ann', server.for('ann'), new FakeCallEnvironment());
      const bob = new CallMesh('bob', server.for('bob'), new FakeCallEnvironment());
      ann.nameWith((id) => (id === 'bob' ? 'Bob' : id));
      await ann.join();
      await bob.join();
      await settle();
      const annToBob = FakePeerConnection.all.find((pc) => pc.remoteDescription?.type === 'offer')!;
      annToBob.become('failed');
      expect(annToBob.restarts).toBe(1);
      expect(ann.getSnapshot().peers[0].status).toBe('reconnecting');
      annToBob.become('failed');
      annToBob.become('failed');
      annToBob.become('failed');
      expect(annToBob.restarts).toBe(3);
      expect(ann.getSnapshot().error).toBe(`Bob ${NO_CONNECTION}`);
      expect(NO_CONNECTION).toMatch(/TURN server/);
    });

    it('joins again when the live connection comes back, restarting ICE where the audio stopped', async () => {
      const server = new FakeCallServer();
      const ann = new CallMesh('ann', server.for('ann'), new FakeCallEnvironment());
      const bob = new CallMesh('bob', server.for('bob'), new FakeCallEnvironment());
      await ann.join();
      await bob.join();
      await settle();
      const annToBob = FakePeerConnection.all.find((pc) => pc.remoteDescription?.type === 'offer')!;
      annToBob.become('disconnected');
      await ann.rejoin();
      expect(annToBob.restarts).toBe(1);
      await settle();
      expect(ann.getSnapshot().peers).toMatchObject([{ userId: 'bob', status: 'connected' }]);
    });

    it('lets a person who left go from everyone else\'s list', async () => {
      const server = new FakeCallServer();
      const ann = new CallMesh('ann', server.for('ann'), new FakeCallEnvironment());
      const bob = new CallMesh('bob', server.for('bob'), new FakeCallEnvironment());
      ann.nameWith((id) => (id === 'bob' ? 'Bob' : id));
      await ann.join();
      await bob.join();
      await settle();
      await bob.leave();
      await settle();
      expect(ann.getSnapshot().peers).toEqual([]);
      expect(ann.getSnapshot().announcement).toBe('Bob left the call.');
      expect(FakePeerConnection.all.every((pc) => pc.closed)).toBe(true);
    });
  });

  describe('mute and voice activity', () => {
    it('reports speaking intervals (never audio), without the hang-over, and none while muted', async () => {
      const server = new FakeCallServer();
      const env = new FakeCallEnvironment();
      const ann = new CallMesh('ann', server.for('ann'), env);
      await ann.join();
      const start = env.time;
      env.level = -20;
      env.tick(1_000);
      expect(ann.getSnapshot().speaking).toBe(true);
      env.level = -90;
      env.tick(1_000);
      expect(ann.getSnapshot().speaking).toBe(false);
      ann.setMuted(true);
      env.level = -20;
      env.tick(2_000);
      expect(ann.getSnapshot()).toMatchObject({ muted: true, speaking: false, announcement: 'Microphone off.' });
      env.tick(REPORT_MS);
      await settle();
      const reported = server.speaking.get('ann')!;
      expect(reported).toHaveLength(1);
      expect(Date.parse(reported[0].startedAt)).toBe(start + 50);
      expect(reported[0].ms).toBe(950);
    });

    it('is muted by the facilitator\'s "mute everyone", and unmutes itself', async () => {
      const server = new FakeCallServer();
      const ann = new CallMesh('ann', server.for('ann'), new FakeCallEnvironment());
      const bob = new CallMesh('bob', server.for('bob'), new FakeCallEnvironment());
      await ann.join();
      await bob.join();
      await ann.muteAll();
      await settle();
      expect(bob.getSnapshot()).toMatchObject({ muted: true, announcement: 'The facilitator muted everyone. Unmute yourself when you want to speak.' });
      bob.setMuted(false);
      expect(bob.getSnapshot().muted).toBe(false);
    });

    it('shows another person speaking from the level of their audio', async () => {
      const server = new FakeCallServer();
      const envA = new FakeCallEnvironment();
      const ann = new CallMesh('ann', server.for('ann'), envA);
      const bob = new CallMesh('bob', server.for('bob'), new FakeCallEnvironment());
      await ann.join();
      await bob.join();
      await settle();
      envA.remoteLevel = -25;
      envA.tick(200);
      expect(peerOf(ann, 'bob').view).toMatchObject({ speaking: true });
    });
  });
});
