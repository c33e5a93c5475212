/* Helpers shared by the N-API binding files: argument reading and errors shaped like Node's (code, errno, path). */
#ifndef FERRY_BINDING_H
#define FERRY_BINDING_H

#ifndef NAPI_VERSION
#define NAPI_VERSION 8
#endif
#include <node_api.h>
#include <stddef.h>

/* Returns NULL (an exception pending) after throwing; `call` names the failing expression. */
#define NAPI_CALL(env, call)                                                                                       \
  do {                                                                                                             \
    if ((call) != napi_ok) {                                                                                       \
      ferry_throw_last(env, #call);                                                                                \
      return NULL;                                                                                                 \
    }                                                                                                              \
  } while (0)

void ferry_throw_last(napi_env env, const char *what);
/* Throws an Error like Node's fs errors: message "ENOENT: …, stat '/x'", code, errno (negative), syscall, path. */
void ferry_throw_errno(napi_env env, int err, const char *syscall, const char *path);
napi_value ferry_throw_type(napi_env env, const char *message);

/* A path argument: a string (UTF-8) or a Buffer/Uint8Array of raw bytes (no NUL). Free with free(). */
char *ferry_get_path(napi_env env, napi_value value);
/* A typed array argument of the given type with at least `min` elements; NULL (and a TypeError) otherwise. */
void *ferry_get_typed(napi_env env, napi_value value, napi_typedarray_type type, size_t min, size_t *length);
/* An fd (number) or a path; sets *fd to -1 and *path (to free) for a path. Returns 0 or -1 (exception pending). */
int ferry_get_fd_or_path(napi_env env, napi_value value, int *fd, char **path);

napi_value ferry_copy_batch(napi_env env, napi_callback_info info);
napi_value ferry_read_dir(napi_env env, napi_callback_info info);
napi_value ferry_rename_batch(napi_env env, napi_callback_info info);

#endif
