/*
 * ARP over Ethernet/IPv4 (RFC 826), the 28-byte payload after the Ethernet
 * header. Pure functions: no sockets, so they are tested on captured bytes.
 * Addresses are host-order uint32 (a.b.c.d = a<<24 | b<<16 | c<<8 | d).
 */
#ifndef ARP_FRAME_H
#define ARP_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define ARP_PAYLOAD_LEN 28

/*
 * A who-has request for tpa from (sha, spa). The target hardware address is
 * zero, as the Linux kernel, arp-scan and RFC 5227 probes write it; spa 0 is
 * an RFC 5227 probe.
 */
void arp_encode_request(uint8_t out[ARP_PAYLOAD_LEN], const uint8_t sha[6], uint32_t spa, uint32_t tpa);

/*
 * Reads an ARP reply (op 2, Ethernet/IPv4). Returns 1 and fills spa/sha when
 * buf holds one whose sender is a plausible host (unicast non-zero MAC,
 * non-zero IP); 0 for anything else (requests, other hardware or protocol
 * types, short or garbage frames). Trailing bytes (Ethernet padding) are ignored.
 */
int arp_decode_reply(const uint8_t *buf, size_t len, uint32_t *spa, uint8_t sha[6]);

#endif
