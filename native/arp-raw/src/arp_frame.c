#include "arp_frame.h"

#include <string.h>

static void put16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }

static uint32_t get32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

void arp_encode_request(uint8_t out[ARP_PAYLOAD_LEN], const uint8_t sha[6], uint32_t spa, uint32_t tpa) {
  put16(out, 1);           /* hardware: Ethernet */
  put16(out + 2, 0x0800);  /* protocol: IPv4 */
  out[4] = 6;
  out[5] = 4;
  put16(out + 6, 1);       /* request */
  memcpy(out + 8, sha, 6);
  put32(out + 14, spa);
  memset(out + 18, 0, 6);
  put32(out + 24, tpa);
}

int arp_decode_reply(const uint8_t *buf, size_t len, uint32_t *spa, uint8_t sha[6]) {
  static const uint8_t zero[6] = {0, 0, 0, 0, 0, 0};
  if (buf == NULL || len < ARP_PAYLOAD_LEN) return 0;
  if (get16(buf) != 1 || get16(buf + 2) != 0x0800 || buf[4] != 6 || buf[5] != 4) return 0;
  if (get16(buf + 6) != 2) return 0;
  /* A group bit or an all-zero sender MAC is no device's own address. */
  if ((buf[8] & 1) != 0 || memcmp(buf + 8, zero, 6) == 0) return 0;
  uint32_t ip = get32(buf + 14);
  if (ip == 0) return 0;
  memcpy(sha, buf + 8, 6);
  *spa = ip;
  return 1;
}
