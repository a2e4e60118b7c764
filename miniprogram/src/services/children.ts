import type {
  ChildFileDetail,
  ChildFileSummary,
  CreateChildFileRequest,
  DropoutChangeRequest,
  DropoutChanged,
  DropoutStateFigure,
  Page,
  UpdateChildFileRequest,
} from '@shouhu/shared';
import {
  isChildFileDetail,
  isChildFilePage,
  isCreatedFile,
  isDropoutChanged,
  isDropoutFigures,
} from './answers';
import { authorizedRequest } from './session';

/** `GET /children?…`: the path is built by `childFilesPath` (children/list-query.ts). */
export function listChildFiles(path: string): Promise<Page<ChildFileSummary>> {
  return authorizedRequest({ method: 'GET', path }, isChildFilePage);
}

export function fetchChildFile(id: string): Promise<ChildFileDetail> {
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

/** 控辍保学: moves the file along the loop; 去向不明 brings the police in (the answer says how). */
export function changeDropout(id: string, body: DropoutChangeRequest): Promise<DropoutChanged> {
  return authorizedRequest(
    { method: 'POST', path: `/children/${id}/dropout`, data: body },
    isDropoutChanged,
  );
}

/** The 控辍保学 figures of the caller's places, or of one division of them. */
export function fetchDropoutFigures(division: string): Promise<DropoutStateFigure[]> {
  const query = division ? `?division=${encodeURIComponent(division)}` : '';
  return authorizedRequest({ method: 'GET', path: `/dropouts/figures${query}` }, isDropoutFigures);
}
