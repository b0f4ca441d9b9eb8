// Failures in words a user can act on (in Chinese): never an HTTP status, a path or a JavaScript message.

/** A request the server answered with an error status. */
export class RequestError extends Error {
  constructor(status, detail = '') {
    super(`request failed with status ${status}`);
    this.name = 'RequestError';
    this.status = status;
    this.detail = detail;
  }
}

/** Throws a RequestError for a response that is not ok (with the problem's detail, if it has one). */
export async function checkResponse(response) {
  if (response.ok) return response;
  let detail = '';
  try { detail = (await response.clone().json()).detail ?? ''; } catch { /* not JSON */ }
  throw new RequestError(response.status, detail);
}

/** What went wrong, for the user. */
export function describeError(error) {
  if (error instanceof RequestError) {
    const s = error.status;
    if (s === 400 || s === 422) return '查询条件有误，服务器未能处理，请检查筛选条件';
    if (s === 401 || s === 403) return '没有权限执行此操作';
    if (s === 404) return '未找到所请求的数据';
    if (s === 413) return '请求的数据量过大，请缩小范围';
    if (s === 429) return '操作太频繁，请稍后再试';
    if (s === 503) return '服务器正忙或在维护，请稍后再试';
    return '服务器出错，请稍后再试';
  }
  if (error instanceof TypeError) return '无法连接服务器，请检查网络后重试';
  return '页面出错，请刷新后重试';
}
