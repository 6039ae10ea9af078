import { functionUuid, openDispatch, type Dispatch } from './protocol';
import type { RunState, SdkOp, WorkItem } from './run-driver';
import { applyCheckpoint, type RunHooks } from './run-ops';

/** An HTTP answer of the checkpoint API: status and JSON body (publicerr's `{ message, data, status }` on errors). */
export interface CheckpointAnswer {
  status: number;
  body: unknown;
}

interface AsyncCheckpointBody {
  run_id?: unknown;
  fn_id?: unknown;
  qi_id?: unknown;
  steps?: unknown;
}

/**
 * The engine's checkpoint API (Inngest pkg/api/apiv1/checkpoint.go) and the requests it belongs to.
 * Every request sent to the app is a dispatch with its own queue item id; the SDK names it (`qi_id`)
 * when it POSTs `/v1/checkpoint/<run>/async`, so results land on the run and attempt that produced
 * them even while other runs' requests are in flight. A checkpoint for a run or queue item that is not
 * in flight any more is stale and gets a 409, which makes the SDK stop at once (StaleDispatchError),
 * as a worker whose job was requeued does.
 *
 * `/v1/checkpoint` and `/v1/checkpoint/<run>/steps` are the sync (Durable Endpoint) half: SDK v4 uses
 * them only for `endpointAdapter` handlers, never for a function served with `serve()`, so here they
 * are refused loudly instead of being imitated untested.
 */
export class CheckpointApi {
  private readonly inFlight = new Map<string, Dispatch>();

  constructor(
    private readonly hooks: () => RunHooks,
    private readonly onUnexpected: (error: Error) => void,
  ) {}

  open(state: RunState, item: WorkItem): Dispatch {
    const dispatch = openDispatch(state, item);
    this.inFlight.set(dispatch.qiId, dispatch);
    return dispatch;
  }

  close(dispatch: Dispatch): void {
    this.inFlight.delete(dispatch.qiId);
  }

  async(runId: string, raw: unknown): CheckpointAnswer {
    const body = (raw ?? {}) as AsyncCheckpointBody;
    if (!Array.isArray(body.steps)) return refuse(400, 'invalid request body: steps must be an array', runId);
    const dispatch = typeof body.qi_id === 'string' ? this.inFlight.get(body.qi_id) : undefined;
    if (!dispatch || dispatch.state.run.runId !== runId || body.run_id !== runId) {
      return refuse(409, `stale dispatch: no request of run ${runId} is in flight with queue item ${String(body.qi_id)}`, runId);
    }
    if (body.fn_id !== functionUuid(dispatch.state.fn.fullId)) return refuse(400, `fn_id ${String(body.fn_id)} is not the function of run ${runId}`, runId);
    if (dispatch.crashed) return refuse(409, 'stale dispatch: the worker crashed', runId);
    const result = applyCheckpoint(dispatch.state, dispatch.item, body.steps as SdkOp[], this.hooks());
    if (result.kind === 'crashed') {
      dispatch.crashed = { message: result.message };
      return refuse(409, `stale dispatch: ${result.message}`, runId);
    }
    if (result.kind === 'refused') return refuse(400, result.message, runId);
    return { status: 200, body: {} };
  }

  sync(path: string): CheckpointAnswer {
    const error = new Error(`The SDK called the sync checkpoint API (${path}), which only Durable Endpoints use; the test executor does not implement it`);
    this.onUnexpected(error);
    return refuse(501, error.message, undefined);
  }
}

function refuse(status: number, message: string, runId: string | undefined): CheckpointAnswer {
  return { status, body: { message, data: runId ? { run_id: runId } : undefined, status } };
}
