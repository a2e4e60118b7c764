import type {
  ChildFileDetail,
  ChildFileSummary,
  ChildFileVisit,
  CreateChildFileRequest,
  Page,
  PlannedVisit,
  UpdateChildFileRequest,
} from '@shouhu/shared';
import { isChildFileDetail, isChildFilePage, isCreatedFile } from './answers';
import { authorizedRequest } from './session';

/** `GET /children?…`: the path is built by `childFilesPath` (children/list-query.ts). */
export function listChildFiles(path: string): Promise<Page<ChildFileSummary>> {
  return authorizedRequest({ method: 'GET', path }, isChildFilePage);
}

/** `GET /children/:id`: the file as the caller may see it, with its visit plan and its visits. */
export type ChildFileView = ChildFileDetail & {
  visits: ChildFileVisit[];
  plannedVisits: PlannedVisit[];
};

export function fetchChildFile(id: string): Promise<ChildFileView> {
  return authorizedRequest({ method: 'GET', path: `/children/${id}` }, isChildFileDetail);
}

export function createChildFile(body: CreateChildFileRequest): Promise<{ id: string }> {
  return authorizedRequest({ method: 'POST', path: '/children', data: body }, isCreatedFile);
}

/** The server answers with the file as the caller now sees it. */
export function updateChildFile(id: string, body: UpdateChildFileRequest): Promise<unknown> {
  return authorizedRequest(
    { method: 'PATCH', path: `/children/${id}`, data: body },
    (value): value is unknown => typeof value === 'object' && value !== null,
  );
}
