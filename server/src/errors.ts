// The catalogue of coded errors the API answers with. Messages name the field and the problem; 5xx never
// carry internals (server/src/app.ts's error handler).
import createError from '@fastify/error'

export const BadRequest = createError<[string]>('RADAR_ERR_BAD_REQUEST', '%s', 400)
export const BadBody = createError<[string]>('RADAR_ERR_BAD_BODY', '%s', 400)
export const Unauthorized = createError<[string]>('RADAR_ERR_UNAUTHORIZED', '%s', 401)
export const Forbidden = createError<[string]>('RADAR_ERR_FORBIDDEN', '%s', 403)
export const NotFound = createError<[string]>('RADAR_ERR_NOT_FOUND', '%s', 404)
export const UnsupportedMedia = createError<[string]>('RADAR_ERR_UNSUPPORTED_MEDIA_TYPE', '%s', 415)
export const StorageUnavailable = createError<[string]>('RADAR_ERR_STORAGE_UNAVAILABLE', '%s', 503)
export const DashboardNotBuilt = createError<[string]>('RADAR_ERR_DASHBOARD_NOT_BUILT', '%s', 503)

export const badRequest = (message: string) => new BadRequest(message)
export const Conflict = createError<[string]>('RADAR_ERR_CONFLICT', '%s', 409)
export const TooManyRequests = createError<[string]>('RADAR_ERR_TOO_MANY_REQUESTS', '%s', 429)
