import {
  NetBlockTypeDescriptions,
  PocFunctionDescriptions,
  type Net,
  type NetBlockType,
  type PocLinkRef,
} from '@regkit/arin-client/payloads';
import { cidrBlocks, formatArinAddress } from '@regkit/arin-client/address';
import type { NetRecord } from '../state.js';

/* The wire payloads ARIN answers with, built from the records of the state. */

/** A POC link as ARIN returns it: with the description of its function. */
export const describeLink = (l: PocLinkRef): PocLinkRef => ({
  description: PocFunctionDescriptions[l.function] ?? l.function,
  function: l.function,
  handle: l.handle,
});

/** The wire payload of a net record, in ARIN's style. */
export function netPayload(net: NetRecord): Net {
  const type = net.type as NetBlockType;
  return {
    version: net.version,
    comment: net.comment,
    registrationDate: net.registrationDate,
    ...(net.orgHandle ? { orgHandle: net.orgHandle } : {}),
    handle: net.handle,
    netBlocks: cidrBlocks(net).map((block) => ({
      type,
      description: NetBlockTypeDescriptions[type] ?? type,
      startAddress: formatArinAddress(net.version, block.start),
      endAddress: formatArinAddress(net.version, block.end),
      cidrLength: block.prefix,
    })),
    ...(net.customerHandle ? { customerHandle: net.customerHandle } : {}),
    ...(net.parentNetHandle ? { parentNetHandle: net.parentNetHandle } : {}),
    netName: net.netName,
    originASes: net.originASes,
    pocLinks: net.pocLinks.map(describeLink),
  };
}
