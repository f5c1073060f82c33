/**
 * VISCA codec: the public face of the encoders, the frame splitter, the reply decoder and the
 * frame describer. Import from here; the sibling files only keep each part small.
 */
export * from './constants';
export * from './types';
export { ViscaEncodeError, encodeNibbles, decodeNibbles } from './packet';
export * from './pan-tilt';
export * from './lens';
export * from './system';
export * from './splitter';
export * from './replies';
export { describeFrame, inquiryKindOf } from './describe';
