/** The renderer's view of a failed call: the RPC layer's ApiError, `{ code, message }` as an Error. */
export { ApiError } from '../../../electron/api';
