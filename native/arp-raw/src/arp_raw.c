/*
 * @fieldkit/arp-raw: ARP requests and replies on one raw socket, for
 * FieldKit's ARP sweep. Linux: an AF_PACKET/SOCK_DGRAM socket bound to one
 * interface for ETH_P_ARP; requests are sent to the Ethernet broadcast address
 * from the interface's own MAC, and replies are read without blocking from
 * libuv (uv_poll on the socket), so Node's event loop never waits on it.
 *
 * Node-API only (no V8 or Node internals), so the same binary loads in Node
 * and Electron. Elsewhere the module loads with `supported: false`.
 */
#define _GNU_SOURCE
#include <node_api.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arp_frame.h"

#define THROW_IF(env, cond, msg)               \
  do {                                         \
    if (cond) {                                \
      napi_throw_type_error((env), NULL, msg); \
      return NULL;                             \
    }                                          \
  } while (0)

/* Fails the current call on a Node-API error (only out-of-memory and the like). */
#define NAPI_OK(env, call)                                             \
  do {                                                                 \
    if ((call) != napi_ok) {                                           \
      bool pending_ = false;                                           \
      napi_is_exception_pending((env), &pending_);                     \
      if (!pending_) napi_throw_error((env), NULL, "Node-API failure"); \
      return NULL;                                                     \
    }                                                                  \
  } while (0)

/* ---- argument checks shared by both builds ---- */

/* A whole number in 0..2^32-1 (an IPv4 address in host order). */
static int get_u32(napi_env env, napi_value v, uint32_t *out) {
  napi_valuetype t;
  double d;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_number) return 0;
  if (napi_get_value_double(env, v, &d) != napi_ok) return 0;
  if (!(d >= 0 && d <= 4294967295.0) || d != (double)(uint32_t)d) return 0;
  *out = (uint32_t)d;
  return 1;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Exactly "xx:xx:xx:xx:xx:xx". */
static int parse_mac(const char *s, size_t len, uint8_t mac[6]) {
  if (len != 17) return 0;
  for (int i = 0; i < 6; i++) {
    int hi = hexval(s[i * 3]), lo = hexval(s[i * 3 + 1]);
    if (hi < 0 || lo < 0 || (i < 5 && s[i * 3 + 2] != ':')) return 0;
    mac[i] = (uint8_t)(hi << 4 | lo);
  }
  return 1;
}

static napi_value make_reply(napi_env env, uint32_t ip, const uint8_t mac[6]) {
  char ipbuf[16], macbuf[18];
  napi_value obj, vip, vmac;
  snprintf(ipbuf, sizeof ipbuf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
  snprintf(macbuf, sizeof macbuf, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
  if (napi_create_object(env, &obj) != napi_ok) return NULL;
  if (napi_create_string_utf8(env, ipbuf, NAPI_AUTO_LENGTH, &vip) != napi_ok) return NULL;
  if (napi_create_string_utf8(env, macbuf, NAPI_AUTO_LENGTH, &vmac) != napi_ok) return NULL;
  if (napi_set_named_property(env, obj, "ip", vip) != napi_ok) return NULL;
  if (napi_set_named_property(env, obj, "mac", vmac) != napi_ok) return NULL;
  return obj;
}

/* encodeRequest(mac, senderIp, targetIp): the 28-byte request payload. */
static napi_value js_encode_request(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3], out;
  char macs[24];
  size_t maclen = 0;
  uint8_t mac[6];
  uint32_t spa, tpa;
  void *data;
  NAPI_OK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  THROW_IF(env, argc < 3, "encodeRequest(mac, senderIp, targetIp)");
  THROW_IF(env, napi_get_value_string_utf8(env, argv[0], macs, sizeof macs, &maclen) != napi_ok || !parse_mac(macs, maclen, mac),
           "mac must be a string like 02:00:00:00:00:01");
  THROW_IF(env, !get_u32(env, argv[1], &spa), "senderIp must be an integer in 0..2^32-1");
  THROW_IF(env, !get_u32(env, argv[2], &tpa), "targetIp must be an integer in 0..2^32-1");
  NAPI_OK(env, napi_create_buffer(env, ARP_PAYLOAD_LEN, &data, &out));
  arp_encode_request((uint8_t *)data, mac, spa, tpa);
  return out;
}

/* decodeReply(bytes): { ip, mac } for an ARP reply, else null. */
static napi_value js_decode_reply(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  bool is_typed = false;
  void *data = NULL;
  size_t len = 0;
  uint32_t ip;
  uint8_t mac[6];
  NAPI_OK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  THROW_IF(env, argc < 1, "decodeReply(bytes)");
  NAPI_OK(env, napi_is_typedarray(env, argv[0], &is_typed));
  if (is_typed) {
    napi_typedarray_type type;
    size_t length;
    NAPI_OK(env, napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL));
    THROW_IF(env, type != napi_uint8_array, "bytes must be a Uint8Array or Buffer");
    len = length;
  } else {
    THROW_IF(env, 1, "bytes must be a Uint8Array or Buffer");
  }
  if (!arp_decode_reply((const uint8_t *)data, len, &ip, mac)) {
    NAPI_OK(env, napi_get_null(env, &out));
    return out;
  }
  out = make_reply(env, ip, mac);
  THROW_IF(env, out == NULL, "out of memory");
  return out;
}

static napi_value set_bool(napi_env env, napi_value exports, const char *name, bool v) {
  napi_value b;
  if (napi_get_boolean(env, v, &b) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, name, b) != napi_ok) return NULL;
  return exports;
}

#ifdef ARP_RAW_UNSUPPORTED

static napi_value js_open(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value err, code, msg;
  napi_create_string_utf8(env, "ENOTSUP", NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, "raw ARP sockets are implemented for Linux only", NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, code, msg, &err);
  napi_throw(env, err);
  return NULL;
}

#define ARP_RAW_SUPPORTED false

#else /* Linux */

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

#define ARP_RAW_SUPPORTED true

/* Frames read per wake-up: bounds the time spent in one callback. */
#define MAX_READS_PER_WAKE 512

typedef struct {
  napi_env env;
  int fd;
  int ifindex;
  uint8_t mac[6];
  uv_poll_t poll;
  napi_ref on_replies;
  napi_async_context async_ctx;
  int closed;      /* close() ran: no more sends or callbacks */
  /*
   * Held from open until libuv has released the poll handle: a worker's teardown then turns its
   * loop until the close callback ran, before it unloads this module (whose code the callback is).
   */
  napi_async_cleanup_hook_handle cleanup_hook;
  int finalized;   /* the JS object was collected */
  int poll_closed; /* libuv released the poll handle */
} arp_sock;

static const char *errno_code(int e) {
  switch (e) {
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case ENODEV: return "ENODEV";
    case ENXIO: return "ENXIO";
    case EINVAL: return "EINVAL";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case ENETDOWN: return "ENETDOWN";
    case ENETUNREACH: return "ENETUNREACH";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOMEM: return "ENOMEM";
    case ENOBUFS: return "ENOBUFS";
    case EMSGSIZE: return "EMSGSIZE";
    case EBADF: return "EBADF";
    default: return "EIO";
  }
}

/* Throws an Error with .code = the errno name, .syscall and .errno set. */
static napi_value throw_errno(napi_env env, int e, const char *syscall, const char *ifname) {
  char text[160];
  napi_value err, code, msg, sc, num;
  snprintf(text, sizeof text, "%s%s%s: %s", syscall, ifname ? " on " : "", ifname ? ifname : "", strerror(e));
  napi_create_string_utf8(env, errno_code(e), NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &msg);
  napi_create_error(env, code, msg, &err);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &sc);
  napi_set_named_property(env, err, "syscall", sc);
  napi_create_int32(env, -e, &num);
  napi_set_named_property(env, err, "errno", num);
  napi_throw(env, err);
  return NULL;
}

static void free_if_done(arp_sock *s) {
  if (s->finalized && s->poll_closed) free(s);
}

static void on_poll_closed(uv_handle_t *h) {
  arp_sock *s = (arp_sock *)h->data;
  if (s->cleanup_hook) napi_remove_async_cleanup_hook(s->cleanup_hook);
  s->cleanup_hook = NULL;
  s->poll_closed = 1;
  free_if_done(s);
}

/*
 * Stops reading and releases the socket. uv_close takes the descriptor out of epoll at once, so it
 * is closed here; libuv frees the poll handle at its next turn.
 */
static void sock_close(arp_sock *s) {
  if (s->closed) return;
  s->closed = 1;
  uv_close((uv_handle_t *)&s->poll, on_poll_closed);
  close(s->fd);
  s->fd = -1;
  if (s->on_replies) napi_delete_reference(s->env, s->on_replies);
  s->on_replies = NULL;
  if (s->async_ctx) napi_async_destroy(s->env, s->async_ctx);
  s->async_ctx = NULL;
}

/* The environment (a worker, or the process) is going away: close the socket if still open. */
static void env_cleanup(napi_async_cleanup_hook_handle handle, void *arg) {
  (void)handle;
  sock_close((arp_sock *)arg);
}

static void sock_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  arp_sock *s = (arp_sock *)data;
  s->finalized = 1;
  sock_close(s);
  free_if_done(s);
}

/* Calls onReplies(replies, error) in the socket's async context; a throw becomes an uncaught exception. */
static void deliver(arp_sock *s, napi_value replies, const char *error) {
  napi_env env = s->env;
  napi_value fn, recv, argv[2], result;
  if (napi_get_reference_value(env, s->on_replies, &fn) != napi_ok || fn == NULL) return;
  napi_get_global(env, &recv); /* napi_make_callback wants an object as `this` */
  argv[0] = replies;
  if (error) napi_create_string_utf8(env, error, NAPI_AUTO_LENGTH, &argv[1]);
  else napi_get_undefined(env, &argv[1]);
  if (napi_make_callback(env, s->async_ctx, recv, fn, 2, argv, &result) == napi_pending_exception) {
    napi_value exc;
    napi_get_and_clear_last_exception(env, &exc);
    napi_fatal_exception(env, exc);
  }
}

static void on_readable(uv_poll_t *h, int status, int events) {
  (void)events;
  arp_sock *s = (arp_sock *)h->data;
  if (s->closed) return;
  napi_env env = s->env;
  napi_handle_scope scope;
  napi_value arr;
  uint32_t n = 0;
  char error[120] = "";
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  if (napi_create_array(env, &arr) != napi_ok) goto out;
  if (status < 0) {
    snprintf(error, sizeof error, "poll: %s", uv_strerror(status));
  } else {
    for (int i = 0; i < MAX_READS_PER_WAKE; i++) {
      uint8_t buf[128];
      struct sockaddr_ll from;
      socklen_t fromlen = sizeof from;
      uint32_t ip;
      uint8_t mac[6];
      ssize_t r = recvfrom(s->fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
      if (r < 0) {
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) snprintf(error, sizeof error, "recvfrom: %s (%s)", strerror(errno), errno_code(errno));
        break;
      }
      /* Our own requests (looped back to taps) and frames of other interfaces are not answers. */
      if (from.sll_pkttype == PACKET_OUTGOING || from.sll_ifindex != s->ifindex) continue;
      if (!arp_decode_reply(buf, (size_t)r < sizeof buf ? (size_t)r : sizeof buf, &ip, mac)) continue;
      napi_value reply = make_reply(env, ip, mac);
      if (reply == NULL || napi_set_element(env, arr, n++, reply) != napi_ok) goto out;
    }
  }
  if (n > 0 || error[0]) deliver(s, arr, error[0] ? error : NULL);
out:
  napi_close_handle_scope(env, scope);
}

/* Linux accepts any interface name below IFNAMSIZ without '/', ':' or white space. */
static int valid_ifname(const char *s, size_t len) {
  if (len == 0 || len >= IFNAMSIZ) return 0;
  if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) return 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c <= ' ' || c == '/' || c == ':' || c >= 0x7f) return 0;
  }
  return 1;
}

static napi_value js_send(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], self, out;
  arp_sock *s = NULL;
  uint32_t tpa, spa;
  uint8_t frame[ARP_PAYLOAD_LEN];
  struct sockaddr_ll to;
  NAPI_OK(env, napi_get_cb_info(env, info, &argc, argv, &self, NULL));
  THROW_IF(env, napi_unwrap(env, self, (void **)&s) != napi_ok || s == NULL, "send() must be called on an ARP socket");
  THROW_IF(env, argc < 2, "send(targetIp, senderIp)");
  THROW_IF(env, !get_u32(env, argv[0], &tpa), "targetIp must be an integer in 0..2^32-1");
  THROW_IF(env, !get_u32(env, argv[1], &spa), "senderIp must be an integer in 0..2^32-1");
  /* Nobody owns 0.0.0.0, the limited broadcast or a multicast group. */
  THROW_IF(env, tpa == 0 || tpa == 0xffffffffu || (tpa >> 28) == 0xe, "targetIp must be a unicast IPv4 address");
  if (s->closed) {
    napi_throw_error(env, "ERR_SOCKET_CLOSED", "the ARP socket is closed");
    return NULL;
  }
  arp_encode_request(frame, s->mac, spa, tpa);
  memset(&to, 0, sizeof to);
  to.sll_family = AF_PACKET;
  to.sll_protocol = htons(ETH_P_ARP);
  to.sll_ifindex = s->ifindex;
  to.sll_halen = 6;
  memset(to.sll_addr, 0xff, 6);
  for (;;) {
    ssize_t r = sendto(s->fd, frame, sizeof frame, 0, (struct sockaddr *)&to, sizeof to);
    if (r == (ssize_t)sizeof frame) {
      NAPI_OK(env, napi_get_boolean(env, true, &out));
      return out;
    }
    if (r < 0 && errno == EINTR) continue;
    /* A full queue is not an error: the caller sends this one again a moment later. */
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) {
      NAPI_OK(env, napi_get_boolean(env, false, &out));
      return out;
    }
    return throw_errno(env, r < 0 ? errno : EIO, "sendto", NULL);
  }
}

static napi_value js_close(napi_env env, napi_callback_info info) {
  napi_value self, undef;
  arp_sock *s = NULL;
  NAPI_OK(env, napi_get_cb_info(env, info, NULL, NULL, &self, NULL));
  THROW_IF(env, napi_unwrap(env, self, (void **)&s) != napi_ok || s == NULL, "close() must be called on an ARP socket");
  sock_close(s);
  NAPI_OK(env, napi_get_undefined(env, &undef));
  return undef;
}

/*
 * open(ifname, onReplies): a socket for ARP on that interface. onReplies is
 * called with an array of { ip, mac } replies as they arrive (and, on a socket
 * error, with [] and a message). Throws an Error whose code is the errno name
 * (EPERM without CAP_NET_RAW, ENODEV for an unknown interface, EINVAL for a
 * non-Ethernet one).
 */
static napi_value js_open(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], obj, resource_name, vmac, vindex;
  char ifname[IFNAMSIZ + 8];
  size_t len = 0;
  napi_valuetype t;
  struct ifreq ifr;
  struct sockaddr_ll sll;
  uv_loop_t *loop;
  int fd, ifindex, rcvbuf = 1 << 20;
  arp_sock *s;
  char macbuf[18];

  NAPI_OK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  THROW_IF(env, argc < 2, "open(ifname, onReplies)");
  NAPI_OK(env, napi_typeof(env, argv[0], &t));
  THROW_IF(env, t != napi_string, "ifname must be a string");
  NAPI_OK(env, napi_get_value_string_utf8(env, argv[0], ifname, sizeof ifname, &len));
  THROW_IF(env, strlen(ifname) != len || !valid_ifname(ifname, len), "ifname is not a valid Linux interface name");
  NAPI_OK(env, napi_typeof(env, argv[1], &t));
  THROW_IF(env, t != napi_function, "onReplies must be a function");
  NAPI_OK(env, napi_get_uv_event_loop(env, &loop));

  /* Protocol 0 at creation: nothing is queued until bind() names the interface and ETH_P_ARP. */
  fd = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return throw_errno(env, errno, "socket(AF_PACKET)", ifname);
  memset(&ifr, 0, sizeof ifr);
  memcpy(ifr.ifr_name, ifname, len);
  if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
    int e = errno;
    close(fd);
    return throw_errno(env, e, "SIOCGIFINDEX", ifname);
  }
  ifindex = ifr.ifr_ifindex;
  if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
    int e = errno;
    close(fd);
    return throw_errno(env, e, "SIOCGIFHWADDR", ifname);
  }
  if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER) {
    close(fd);
    return throw_errno(env, EINVAL, "not an Ethernet interface", ifname);
  }
  memset(&sll, 0, sizeof sll);
  sll.sll_family = AF_PACKET;
  sll.sll_protocol = htons(ETH_P_ARP);
  sll.sll_ifindex = ifindex;
  if (bind(fd, (struct sockaddr *)&sll, sizeof sll) < 0) {
    int e = errno;
    close(fd);
    return throw_errno(env, e, "bind", ifname);
  }
  /* Room for a burst of replies from a dense subnet (best effort: capped by rmem_max). */
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);

  s = (arp_sock *)calloc(1, sizeof *s);
  if (s == NULL) {
    close(fd);
    return throw_errno(env, ENOMEM, "calloc", NULL);
  }
  s->env = env;
  s->fd = fd;
  s->ifindex = ifindex;
  memcpy(s->mac, ifr.ifr_hwaddr.sa_data, 6);
  if (uv_poll_init(loop, &s->poll, fd) != 0) {
    close(fd);
    free(s);
    return throw_errno(env, EIO, "uv_poll_init", ifname);
  }
  s->poll.data = s;
  if (napi_add_async_cleanup_hook(env, env_cleanup, s, &s->cleanup_hook) != napi_ok) {
    s->cleanup_hook = NULL;
    s->finalized = 1;
    sock_close(s);
    napi_throw_error(env, NULL, "Node-API failure while opening the ARP socket");
    return NULL;
  }

  /* From here on, failures go through sock_close so libuv releases the poll handle. */
  if (napi_create_object(env, &obj) != napi_ok || napi_create_reference(env, argv[1], 1, &s->on_replies) != napi_ok ||
      napi_create_string_utf8(env, "fieldkit:arp-raw", NAPI_AUTO_LENGTH, &resource_name) != napi_ok ||
      napi_async_init(env, obj, resource_name, &s->async_ctx) != napi_ok) {
    s->finalized = 1;
    sock_close(s);
    napi_throw_error(env, NULL, "Node-API failure while opening the ARP socket");
    return NULL;
  }
  snprintf(macbuf, sizeof macbuf, "%02x:%02x:%02x:%02x:%02x:%02x", s->mac[0], s->mac[1], s->mac[2], s->mac[3], s->mac[4], s->mac[5]);
  napi_property_descriptor props[] = {
      {"send", NULL, js_send, NULL, NULL, NULL, napi_default, NULL},
      {"close", NULL, js_close, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_create_string_utf8(env, macbuf, NAPI_AUTO_LENGTH, &vmac) != napi_ok || napi_create_int32(env, ifindex, &vindex) != napi_ok ||
      napi_set_named_property(env, obj, "mac", vmac) != napi_ok || napi_set_named_property(env, obj, "ifindex", vindex) != napi_ok ||
      napi_define_properties(env, obj, 2, props) != napi_ok || napi_wrap(env, obj, s, sock_finalize, NULL, NULL) != napi_ok) {
    s->finalized = 1;
    sock_close(s);
    napi_throw_error(env, NULL, "Node-API failure while opening the ARP socket");
    return NULL;
  }
  if (uv_poll_start(&s->poll, UV_READABLE, on_readable) != 0) {
    sock_close(s); /* the wrapped object's finalizer frees s */
    return throw_errno(env, EIO, "uv_poll_start", ifname);
  }
  return obj;
}

#endif /* Linux */

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"open", NULL, js_open, NULL, NULL, NULL, napi_enumerable, NULL},
      {"encodeRequest", NULL, js_encode_request, NULL, NULL, NULL, napi_enumerable, NULL},
      {"decodeReply", NULL, js_decode_reply, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, 3, props) != napi_ok) return NULL;
  return set_bool(env, exports, "supported", ARP_RAW_SUPPORTED);
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
