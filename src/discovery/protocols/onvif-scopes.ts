import { tryNormaliseMac } from './mac';

/** What ONVIF scope URIs say about a device. */
export interface OnvifScopeInfo {
  /** onvif://www.onvif.org/name/... (URL-decoded). */
  name?: string;
  /** onvif://www.onvif.org/hardware/... (the model, URL-decoded). */
  hardware?: string;
  /** Every onvif://www.onvif.org/location/... remainder, URL-decoded ("city/hangzhou"). */
  locations: string[];
  /** A MAC from onvif://www.onvif.org/MAC/... (some Hikvision and Uniview firmware), normalised. */
  mac?: string;
  /** Profile/... values ("Streaming", "G", "T"). */
  profiles: string[];
  /** type/... values ("video_encoder", "Network_Video_Transmitter"). */
  types: string[];
  /** Every scope that is not one of the above, unchanged. */
  other: string[];
}

const ONVIF_SCOPE = /^onvif:\/\/www\.onvif\.org\/([^/]+)\/(.*)$/i;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A stray '%' (seen in hand-typed camera names) is kept rather than dropping the scope.
    return s;
  }
}

/** Reads the ONVIF-defined scopes; categories compare case-insensitively (`Profile`, `MAC`). */
export function parseOnvifScopes(scopes: readonly string[]): OnvifScopeInfo {
  const info: OnvifScopeInfo = { locations: [], profiles: [], types: [], other: [] };
  for (const scope of scopes) {
    const m = ONVIF_SCOPE.exec(scope);
    const category = m?.[1]?.toLowerCase();
    const value = decode(m?.[2] ?? '');
    if (category === 'name' && info.name === undefined) info.name = value;
    else if (category === 'hardware' && info.hardware === undefined) info.hardware = value;
    else if (category === 'location') info.locations.push(value);
    else if (category === 'profile') info.profiles.push(value);
    else if (category === 'type') info.types.push(value);
    else if (category === 'mac' && info.mac === undefined && tryNormaliseMac(value)) info.mac = tryNormaliseMac(value);
    else info.other.push(scope);
  }
  return info;
}
