/** RFC 1123 host name label, as cameras accept it (the ONVIF client enforces the same). */
export const HOSTNAME_RE = /^(?=.{1,63}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** An NTP server: an IPv4 address or a DNS name. */
export const NTP_SERVER_RE = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
