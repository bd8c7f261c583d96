// The replay command's settings: batches default to the writer's full group, which is stored at once instead
// of waiting for the group commit's spacing (a sequential sender of smaller batches gets one a spacing), and
// bad flags are named in the error.
import { describe, expect, it } from 'vitest'
import { loadReplayConfig } from '../../../ingest/replay/config.ts'
import { GROUP_MAX_ROWS } from '../../../ingest/writer.ts'

describe('loadReplayConfig', () => {
  it('sends full groups by default, to the URL and token of the environment', () => {
    const c = loadReplayConfig(['events.ndjson'], { RADAR_TOKEN: 'tok', RADAR_URL: 'http://radar:8080/' })
    expect(c).toEqual({ file: 'events.ndjson', url: 'http://radar:8080', token: 'tok', batchSize: GROUP_MAX_ROWS })
  })

  it('names what is missing or wrong', () => {
    expect(() => loadReplayConfig([], { RADAR_TOKEN: 'tok' })).toThrow(/no file given/)
    expect(() => loadReplayConfig(['e.ndjson'], {})).toThrow(/no token: pass --token or set RADAR_TOKEN/)
    expect(() => loadReplayConfig(['e.ndjson', '--batch', '0'], { RADAR_TOKEN: 'tok' })).toThrow(/--batch must be a whole number from 1 to 100000/)
  })
})
