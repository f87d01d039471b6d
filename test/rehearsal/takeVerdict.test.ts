import { describe, expect, it } from 'vitest';
import {
  sectionsTimedBy,
  storedTakeTimedBy,
  takeTimedBy,
  timeLeft,
  verdict,
  type SourcedMark,
} from '../../src/core/rehearsal/takeVerdict';

const s = (seconds: number) => seconds * 1000;

describe('verdict', () => {
  it('calls a time within a second of the target On target, both ways', () => {
    expect(verdict(s(15), 15).label).toBe('On target');
    expect(verdict(s(15.9), 15).label).toBe('On target');
    expect(verdict(s(14), 15).label).toBe('On target');
    expect(verdict(s(16), 15).label).toBe('On target');
  });

  it('calls a time under half the target Short, not within target', () => {
    expect(verdict(s(1), 15)).toEqual({ kind: 'short', label: 'Short' });
    expect(verdict(s(7.4), 15).kind).toBe('short');
    expect(verdict(s(7.5), 15)).toEqual({ kind: 'under', label: 'Under target' });
    expect(verdict(s(13.9), 15).kind).toBe('under');
  });

  it('says over only from a whole second over, and how much past the tolerance', () => {
    expect(verdict(s(16.1), 15)).toEqual({ kind: 'over', label: 'A little over' });
    expect(verdict(s(18.75), 15).kind).toBe('over');
    expect(verdict(s(19), 15)).toEqual({ kind: 'far-over', label: '4 s over' });
    expect(verdict(s(151), 120)).toEqual({ kind: 'far-over', label: '31 s over' });
  });

  it('skips nothing timed and does not judge scroll-timed sections', () => {
    expect(verdict(0, 15)).toEqual({ kind: 'skipped', label: 'Skipped' });
    expect(verdict(0, 15, 'scroll').label).toBe('Skipped');
    expect(verdict(s(15), 15, 'scroll')).toEqual({ kind: 'scroll', label: 'Scroll pace' });
    expect(verdict(s(90), 120, 'mixed')).toEqual({ kind: 'scroll', label: 'Partly scroll pace' });
  });

  it('rejects a negative or non-numeric duration', () => {
    expect(() => verdict(-1, 15)).toThrow('a duration must be a non-negative number of ms, got -1');
    expect(() => verdict(Number.NaN, 15)).toThrow(RangeError);
  });
});

describe('sectionsTimedBy and takeTimedBy', () => {
  const mark = (section: SourcedMark['section'], at: number, by: SourcedMark['by']): SourcedMark => ({
    section,
    atMs: s(at),
    by,
  });

  it('gives a paced take that scrolled to its end to the scroll', () => {
    const marks = [
      mark('situation', 0, 'key'),
      mark('task', 15, 'scroll'),
      mark('action', 30, 'scroll'),
      mark('result', 90, 'scroll'),
    ];
    const sections = sectionsTimedBy(marks, 'scroll', s(120));
    expect(sections).toEqual({ situation: 'scroll', task: 'scroll', action: 'scroll', result: 'scroll' });
    expect(takeTimedBy(sections)).toBe('scroll');
  });

  it('gives sections ended by → or by voice to the speaker', () => {
    const marks = [
      mark('situation', 0, 'key'),
      mark('task', 12, 'key'),
      mark('action', 30, 'voice'),
      mark('result', 88, 'key'),
    ];
    const sections = sectionsTimedBy(marks, 'key', s(118));
    expect(sections).toEqual({ situation: 'speaker', task: 'speaker', action: 'speaker', result: 'speaker' });
    expect(takeTimedBy(sections)).toBe('speaker');
  });

  it('counts a section as scroll-timed if any visit was ended by the scroll, and mixes the take', () => {
    const marks = [
      mark('situation', 0, 'key'),
      mark('task', 15, 'scroll'),
      mark('situation', 20, 'key'),
      mark('task', 25, 'key'),
    ];
    const sections = sectionsTimedBy(marks, 'key', s(40));
    expect(sections).toEqual({ situation: 'scroll', task: 'speaker', action: null, result: null });
    expect(takeTimedBy(sections)).toBe('mixed');
  });

  it('leaves a section left at once without a timer', () => {
    const marks = [mark('situation', 0, 'key'), mark('task', 0, 'key'), mark('action', 5, 'scroll')];
    expect(sectionsTimedBy(marks, 'key', s(5))).toEqual({
      situation: null,
      task: 'scroll',
      action: null,
      result: null,
    });
    expect(takeTimedBy({ situation: null, task: null, action: null, result: null })).toBe('speaker');
  });
});

describe('storedTakeTimedBy', () => {
  it('reads who timed a stored take from its sections, and nothing from an older sidecar', () => {
    const row = (section: 'situation' | 'task', timedBy?: 'speaker' | 'scroll') => ({ section, timedBy });
    expect(storedTakeTimedBy([row('situation', 'scroll'), row('task', 'scroll')])).toBe('scroll');
    expect(storedTakeTimedBy([row('situation', 'scroll'), row('task', 'speaker')])).toBe('mixed');
    expect(storedTakeTimedBy([row('situation', 'speaker'), row('task', 'speaker')])).toBe('speaker');
    expect(storedTakeTimedBy([row('situation'), row('task')])).toBeNull();
    expect(storedTakeTimedBy([])).toBeNull();
  });
});

describe('timeLeft', () => {
  it('rounds the time left up and never reads +0:00', () => {
    expect(timeLeft(s(14.2), 15)).toEqual({ text: '0:01', over: false });
    expect(timeLeft(s(15), 15)).toEqual({ text: '0:00', over: false });
    expect(timeLeft(s(15.6), 15)).toEqual({ text: '0:00', over: false });
    expect(timeLeft(s(16), 15)).toEqual({ text: '+0:01', over: true });
    expect(timeLeft(s(75), 15)).toEqual({ text: '+1:00', over: true });
  });
});
