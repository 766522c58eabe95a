/** @module The administrator's delivery routes as the OpenAPI document describes them: departments, failed hand-offs, retries. */
import { json, type RouteSpec } from './openapi-routes.js';

export const HAND_OFF_ROUTES: readonly RouteSpec[] = [
  {
    method: 'get',
    path: '/v1/departments',
    summary:
      'The departments: code, name, the procedures routed to each, and whether it leases from its queue or is pushed to',
    auth: 'admin|desk|chancellery|registrar|department:{code}|officer:{code}|head:{code}',
    ok: { status: 200, ...json('Departments'), description: 'Departments' },
  },
  {
    method: 'get',
    path: '/v1/hand-offs/failed',
    summary:
      'Hand-offs to departments given up on, most recent first: queue messages past their last delivery, webhook pushes past their last retry (?department, ?cursor, ?limit)',
    auth: 'admin',
    ok: { status: 200, ...json('FailedHandOffs'), description: 'Failed hand-offs' },
  },
  {
    method: 'post',
    path: '/v1/hand-offs/{id}/retry',
    summary: 'Put a failed hand-off back for delivery with fresh tries, once (409 hand-off-not-failed otherwise)',
    auth: 'admin',
    ok: { status: 200, ...json('HandOffRetry'), description: 'Put back for delivery' },
  },
];
