/* exec_runner.c — runs one agent action: fork/exec in its own process group,
 * output capture with a size limit, TERM then KILL of the whole group on
 * timeout; driven by the thread-default GLib main context. */
#include "exec_internal.h"

#include <glib-unix.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TAIL_SIZE 4096

typedef struct {
    int fd;
    GSource *src;
    GString *buf;
    GString *tail; /* the last bytes past the limit: exit reasons come last */
} stream_t;

struct crm_exec_run {
    GMainContext *ctx;
    GPid pid;
    stream_t out, err;
    GSource *child_src, *timeout_src, *kill_src, *idle_src;
    gsize limit;
    gboolean truncated, timed_out;
    guint timeout_ms, kill_grace_ms;
    gint64 start_us;
    char *action;
    gboolean lsb;
    gboolean stonith;         /* a fence agent: options on stdin, fence-agents exit codes */
    crm_exec_result_t *early; /* result known without running anything */
    crm_exec_done_fn done;
    gpointer user_data;
};

static void stream_close(stream_t *s)
{
    if (s->src != NULL) {
        g_source_destroy(s->src);
        g_source_unref(s->src);
        s->src = NULL;
    }
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static void source_drop(GSource **src)
{
    if (*src != NULL) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

static void run_free(crm_exec_run_t *run)
{
    stream_close(&run->out);
    stream_close(&run->err);
    source_drop(&run->child_src);
    source_drop(&run->timeout_src);
    source_drop(&run->kill_src);
    source_drop(&run->idle_src);
    g_string_free(run->out.buf, TRUE);
    g_string_free(run->err.buf, TRUE);
    g_string_free(run->out.tail, TRUE);
    g_string_free(run->err.tail, TRUE);
    crm_exec_result_free(run->early);
    g_free(run->action);
    g_main_context_unref(run->ctx);
    g_free(run);
}

/* Reads one chunk: > 0 bytes read, 0 end of file, < 0 nothing now (or error,
 * with errno other than EAGAIN). */
static ssize_t stream_read(crm_exec_run_t *run, stream_t *s)
{
    char chunk[16384];
    ssize_t n = read(s->fd, chunk, sizeof(chunk));
    if (n <= 0) {
        return n;
    }
    gsize room = run->limit > s->buf->len ? run->limit - s->buf->len : 0;
    g_string_append_len(s->buf, chunk, MIN((gsize)n, room));
    if ((gsize)n > room) {
        run->truncated = TRUE; /* keep reading so the agent never blocks */
        g_string_append_len(s->tail, chunk + room, n - (ssize_t)room);
        if (s->tail->len > TAIL_SIZE) {
            g_string_erase(s->tail, 0, (gssize)(s->tail->len - TAIL_SIZE));
        }
    }
    return n;
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer data)
{
    crm_exec_run_t *run = data;
    stream_t *s = (fd == run->out.fd) ? &run->out : &run->err;
    ssize_t n = stream_read(run, s);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        g_source_unref(s->src);
        s->src = NULL;
        close(s->fd);
        s->fd = -1;
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

/* After the agent exited: what it wrote is in the pipe. A bounded loop, since
 * a process it left behind may still write. */
static void stream_drain(crm_exec_run_t *run, stream_t *s)
{
    for (int i = 0; s->fd >= 0 && i < 256 && stream_read(run, s) > 0; i++) {
    }
    stream_close(s);
}

static void group_kill(crm_exec_run_t *run, int sig)
{
    if (run->pid > 0 && kill(-run->pid, sig) < 0) {
        kill(run->pid, sig);
    }
}

static crm_exec_result_t *result_build(crm_exec_run_t *run, int wait_status)
{
    crm_exec_result_t *res = g_new0(crm_exec_result_t, 1);
    res->output = g_utf8_make_valid(run->out.buf->str, run->out.buf->len);
    res->error_output = g_utf8_make_valid(run->err.buf->str, run->err.buf->len);
    res->truncated = run->truncated;
    res->exec_ms = (guint64)(g_get_monotonic_time() - run->start_us) / 1000;
    res->exit_reason = crm__exec_exit_reason(run->err.tail->str, run->out.tail->str);
    if (res->exit_reason == NULL) {
        res->exit_reason = crm__exec_exit_reason(res->error_output, res->output);
    }
    if (run->timed_out) {
        res->status = CRM_EXEC_TIMEOUT;
        res->rc = CRM_OCF_ERR_GENERIC;
        g_free(res->exit_reason);
        res->exit_reason = g_strdup_printf("%s timed out after %u ms and was killed", run->action,
                                           run->timeout_ms);
    } else if (WIFSIGNALED(wait_status)) {
        res->status = CRM_EXEC_ERROR;
        res->rc = CRM_OCF_ERR_GENERIC;
        g_free(res->exit_reason);
        res->exit_reason = g_strdup_printf("agent died from signal %d (%s)", WTERMSIG(wait_status),
                                           g_strsignal(WTERMSIG(wait_status)));
    } else {
        int code = WEXITSTATUS(wait_status);
        res->status = CRM_EXEC_DONE;
        res->rc = run->lsb ? crm__exec_lsb_rc(run->action, code) : code;
        if (run->stonith) {
            res->rc = crm__exec_stonith_rc(crm__exec_stonith_action(run->action), code);
            if (res->exit_reason == NULL && res->rc != CRM_OCF_SUCCESS) {
                res->exit_reason = crm__exec_stonith_reason(res->error_output);
            }
        }
    }
    return res;
}

static void run_finish(crm_exec_run_t *run, crm_exec_result_t *res)
{
    crm_exec_done_fn done = run->done;
    gpointer user_data = run->user_data;
    run_free(run);
    done(res, user_data);
}

static void on_child_exit(GPid pid, gint wait_status, gpointer data)
{
    crm_exec_run_t *run = data;
    g_source_unref(run->child_src);
    run->child_src = NULL;
    stream_drain(run, &run->out);
    stream_drain(run, &run->err);
    if (run->timed_out) {
        group_kill(run, SIGKILL); /* grandchildren that ignored SIGTERM */
    }
    crm_exec_result_t *res = result_build(run, wait_status);
    g_spawn_close_pid(pid);
    run->pid = 0;
    run_finish(run, res);
}

static gboolean on_kill(gpointer data)
{
    crm_exec_run_t *run = data;
    group_kill(run, SIGKILL);
    g_source_unref(run->kill_src);
    run->kill_src = NULL;
    return G_SOURCE_REMOVE;
}

static GSource *attach(GMainContext *ctx, GSource *src, GSourceFunc fn, gpointer data)
{
    g_source_set_callback(src, fn, data, NULL);
    g_source_attach(src, ctx);
    return src;
}

static gboolean on_timeout(gpointer data)
{
    crm_exec_run_t *run = data;
    run->timed_out = TRUE;
    group_kill(run, SIGTERM);
    run->kill_src = attach(run->ctx, g_timeout_source_new(run->kill_grace_ms), on_kill, run);
    g_source_unref(run->timeout_src);
    run->timeout_src = NULL;
    return G_SOURCE_REMOVE;
}

static gboolean on_early(gpointer data)
{
    crm_exec_run_t *run = data;
    crm_exec_result_t *res = g_steal_pointer(&run->early);
    g_source_unref(run->idle_src);
    run->idle_src = NULL;
    run_finish(run, res);
    return G_SOURCE_REMOVE;
}

static void deliver_early(crm_exec_run_t *run, enum crm_exec_status status, int rc, char *reason,
                          char *output)
{
    run->early = g_new0(crm_exec_result_t, 1);
    run->early->status = status;
    run->early->rc = rc;
    run->early->exit_reason = reason;
    run->early->output = output ? output : g_strdup("");
    run->early->error_output = g_strdup("");
    run->idle_src = attach(run->ctx, g_idle_source_new(), on_early, run);
}

/* Between vfork and exec: system calls only; the parent is suspended and
 * shares our memory, which is how the exec error gets back to it. */
static void child_exec(const char *path, char **argv, char **envp, int in, int out, int err,
                       volatile int *exec_errno)
{
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP) {
            sigaction(sig, &dfl, NULL);
        }
    }
    setpgid(0, 0);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    close_range(3, ~0U, 0);
    if (chdir("/") < 0) {
        /* keep going: agents do not depend on the directory */
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, envp);
    *exec_errno = errno ? errno : ENOEXEC;
    _exit(127);
}

/* A pipe already holding all of input (small: it fits the pipe's buffer),
 * its write end closed: the agent's stdin. Returns the read end or -1. */
static int stdin_pipe(const char *input)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC | O_NONBLOCK) < 0) {
        return -1;
    }
    gsize len = strlen(input);
    ssize_t n = write(p[1], input, len);
    close(p[1]);
    if (n < 0 || (gsize)n != len) {
        close(p[0]);
        errno = EMSGSIZE;
        return -1;
    }
    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) & ~O_NONBLOCK);
    return p[0];
}

/* vfork rather than fork: with hundreds of monitors, copying the daemon's
 * page tables (fork) or mapping a stack per child (posix_spawn) was most of
 * its CPU time. The agent gets its own process group, default signal
 * handling, an empty signal mask, /dev/null as stdin and no other files. */
static int spawn_agent(const char *path, char **argv, char **envp, const char *input, GPid *ret_pid,
                       int *ret_out, int *ret_err)
{
    int out[2] = {-1, -1}, err[2] = {-1, -1};
    int devnull = input ? stdin_pipe(input) : open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (devnull < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
        int e = errno;
        const int fds[] = {devnull, out[0], out[1], err[0], err[1]};
        for (gsize i = 0; i < G_N_ELEMENTS(fds); i++) {
            if (fds[i] >= 0) {
                close(fds[i]);
            }
        }
        return -e;
    }
    volatile int exec_errno = 0;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* no handler may run in the child */
    pid_t pid = vfork();
    if (pid == 0) {
        child_exec(path, argv, envp, devnull, out[1], err[1], &exec_errno);
    }
    int fork_errno = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(devnull);
    close(out[1]);
    close(err[1]);
    int rc = pid < 0 ? -fork_errno : -exec_errno;
    if (pid > 0 && rc != 0) {
        waitpid(pid, NULL, 0);
    }
    if (rc != 0) {
        close(out[0]);
        close(err[0]);
        return rc;
    }
    *ret_pid = pid;
    *ret_out = out[0];
    *ret_err = err[0];
    return 0;
}

static void spawn_failed(crm_exec_run_t *run, const char *path, int rc)
{
    if (rc == -ENOENT) {
        deliver_early(run, CRM_EXEC_NOT_INSTALLED, CRM_OCF_ERR_INSTALLED,
                      g_strdup_printf("agent %s does not exist", path), NULL);
    } else if (rc == -EACCES || rc == -EPERM) {
        deliver_early(
            run, CRM_EXEC_ERROR, CRM_OCF_ERR_PERM,
            g_strdup_printf("agent %s is not executable (chmod +x it): %s", path, g_strerror(-rc)),
            NULL);
    } else {
        deliver_early(run, CRM_EXEC_ERROR, CRM_OCF_ERR_GENERIC,
                      g_strdup_printf("cannot run agent %s: %s", path, g_strerror(-rc)), NULL);
    }
}

static void stream_watch(crm_exec_run_t *run, stream_t *s, int fd)
{
    s->fd = fd;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    s->src = g_unix_fd_source_new(fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
    g_source_set_callback(s->src, G_SOURCE_FUNC(on_readable), run, NULL);
    g_source_attach(s->src, run->ctx);
}

static void run_spawn(crm_exec_run_t *run, const crm_exec_request_t *req, const char *path)
{
    const char *action = req->action;
    if (run->lsb && strcmp(action, "monitor") == 0) {
        action = "status";
    }
    char *argv[] = {(char *)path, run->stonith ? NULL : (char *)action, NULL};
    g_auto(GStrv) envp = crm__exec_envp(req);
    g_autofree char *input = NULL;
    g_autoptr(GError) error = NULL;
    if (run->stonith && crm__exec_stonith_input(req, &input, &error) < 0) {
        deliver_early(run, CRM_EXEC_ERROR, CRM_OCF_ERR_ARGS, g_strdup(error->message), NULL);
        return;
    }
    int fd_out = -1, fd_err = -1;
    run->start_us = g_get_monotonic_time();
    int rc = spawn_agent(path, argv, envp, input, &run->pid, &fd_out, &fd_err);
    if (rc < 0) {
        spawn_failed(run, path, rc);
        return;
    }
    stream_watch(run, &run->out, fd_out);
    stream_watch(run, &run->err, fd_err);
    run->child_src = g_child_watch_source_new(run->pid);
    attach(run->ctx, run->child_src, G_SOURCE_FUNC(on_child_exit), run);
    run->timeout_src = attach(run->ctx, g_timeout_source_new(run->timeout_ms), on_timeout, run);
}

crm_exec_run_t *crm_exec_run_start(const crm_exec_request_t *req, crm_exec_done_fn done,
                                   gpointer user_data)
{
    crm_exec_run_t *run = g_new0(crm_exec_run_t, 1);
    run->ctx = g_main_context_ref_thread_default();
    run->out = (stream_t){.fd = -1, .buf = g_string_new(NULL), .tail = g_string_new(NULL)};
    run->err = (stream_t){.fd = -1, .buf = g_string_new(NULL), .tail = g_string_new(NULL)};
    run->limit = req->output_limit ? req->output_limit : CRM_EXEC_OUTPUT_LIMIT_DEFAULT;
    run->timeout_ms = req->timeout_ms ? req->timeout_ms : CRM__EXEC_DEFAULT_TIMEOUT_MS;
    run->kill_grace_ms = req->kill_grace_ms ? req->kill_grace_ms : CRM_EXEC_KILL_GRACE_MS_DEFAULT;
    run->action = g_strdup(req->action);
    run->done = done;
    run->user_data = user_data;
    run->lsb = req->agent != NULL && g_strcmp0(req->agent->klass, "lsb") == 0;
    run->stonith = req->agent != NULL && g_strcmp0(req->agent->klass, "stonith") == 0;

    g_autoptr(GError) error = NULL;
    g_autofree char *path = NULL;
    if (crm_exec_request_check(req, &error) < 0) {
        deliver_early(run, CRM_EXEC_ERROR, CRM_OCF_ERR_ARGS, g_strdup(error->message), NULL);
    } else if (crm_agent_find(req->agent, &path) < 0) {
        g_autofree char *spec = crm_agent_spec(req->agent);
        deliver_early(run, CRM_EXEC_NOT_INSTALLED, CRM_OCF_ERR_INSTALLED,
                      g_strdup_printf("agent %s not found (OCF_ROOT is %s)", spec, crm_ocf_root()),
                      NULL);
    } else if (run->stonith && strcmp(req->action, "stop") == 0) {
        deliver_early(run, CRM_EXEC_DONE, CRM_OCF_SUCCESS, NULL, NULL); /* nothing runs */
    } else if (run->lsb && strcmp(req->action, "meta-data") == 0) {
        deliver_early(run, CRM_EXEC_DONE, CRM_OCF_SUCCESS, NULL,
                      crm__exec_lsb_meta_data(req->agent->type));
    } else {
        run_spawn(run, req, path);
    }
    return run;
}

static void reap_quietly(GPid pid, gint status, gpointer data)
{
    g_spawn_close_pid(pid);
}

void crm_exec_run_abort(crm_exec_run_t *run)
{
    if (run == NULL) {
        return;
    }
    if (run->pid > 0) {
        group_kill(run, SIGKILL);
        source_drop(&run->child_src);
        GSource *src = g_child_watch_source_new(run->pid);
        attach(run->ctx, src, G_SOURCE_FUNC(reap_quietly), NULL);
        g_source_unref(src);
    }
    run_free(run);
}

int crm_exec_run_pid(const crm_exec_run_t *run)
{
    return run != NULL ? run->pid : 0;
}

static void on_sync_done(crm_exec_result_t *result, gpointer data)
{
    *(crm_exec_result_t **)data = result;
}

crm_exec_result_t *crm_exec_run_sync(const crm_exec_request_t *req)
{
    GMainContext *ctx = g_main_context_new();
    crm_exec_result_t *result = NULL;
    g_main_context_push_thread_default(ctx);
    crm_exec_run_start(req, on_sync_done, &result);
    while (result == NULL) {
        g_main_context_iteration(ctx, TRUE);
    }
    g_main_context_pop_thread_default(ctx);
    g_main_context_unref(ctx);
    return result;
}
