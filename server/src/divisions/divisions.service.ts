import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { DivisionsRepository } from './divisions.repository';

export interface DivisionItem {
  code: string;
  name: string;
}

@Injectable()
export class DivisionsService {
  constructor(private readonly divisions: DivisionsRepository) {}

  /** Children of a division; provinces when no parent is given. */
  async children(parent: string | undefined): Promise<DivisionItem[]> {
    if (parent && !(await this.divisions.findByCode(parent))) {
      throw ApiException.notFound('没有这个区划');
    }
    const rows = await this.divisions.children(parent ?? null);
    return rows.map(({ code, name }) => ({ code, name }));
  }

  /** The names along a division code, e.g. 安徽省 宿州市 泗县 泗城镇. */
  async path(code: string): Promise<DivisionItem[]> {
    const prefixes = [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
    const rows = await this.divisions.findMany(prefixes);
    return rows
      .sort((a, b) => a.code.length - b.code.length)
      .map(({ code: c, name }) => ({ code: c, name }));
  }

  /**
   * Each code in the words a handler uses below the county: 泗城镇, or 泗城镇 · 某村; a code that
   * stops at the county keeps the county's name. One query for any number of codes.
   *
   * Inside a transaction pass its `manager`: a second pool connection taken while the transaction
   * holds the audit head's lock deadlocks intake once every connection is held by a transaction
   * waiting for that lock (seen by test/faults/server-kill.fault-spec.ts at 20 clients, pool 10).
   */
  async placeNames(
    codes: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, string>> {
    const levels = (code: string) =>
      (code.length > 6 ? [9, 12] : [6]).filter((n) => n <= code.length);
    const wanted = new Set(codes.flatMap((code) => levels(code).map((n) => code.slice(0, n))));
    const names = new Map(
      (await this.divisions.findMany([...wanted], manager)).map((row) => [row.code, row.name]),
    );
    return new Map(
      codes.map((code) => [
        code,
        levels(code)
          .map((n) => names.get(code.slice(0, n)))
          .filter((name): name is string => name !== undefined)
          .join(' · '),
      ]),
    );
  }

  /**
   * A county, its townships and their villages, by code, each named as `placeNames` names it
   * (泗县; 泗城镇; 泗城镇 · 关庙村委会): what an institution of the county's register may name.
   */
  async withinCounty(countyCode: string): Promise<DivisionItem[]> {
    const rows = await this.divisions.withDescendants(countyCode);
    const names = new Map(rows.map((row) => [row.code, row.name]));
    return rows.map(({ code, name }) => ({
      code,
      name: code.length === 12 ? `${names.get(code.slice(0, 9)) ?? ''} · ${name}` : name,
    }));
  }

  /**
   * Each code's own name, without the places above it (关庙村委会, not 泗城镇 · 关庙村委会): for a
   * list within one township, where the township goes without saying. One query.
   */
  async ownNames(codes: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.divisions.findMany([...new Set(codes)]);
    return new Map(rows.map((row) => [row.code, row.name]));
  }

  /** The codes among `codes` that name no division of the loaded dataset (order kept). */
  async unknown(codes: readonly string[]): Promise<string[]> {
    const known = new Set((await this.divisions.findMany([...codes])).map((row) => row.code));
    return codes.filter((code) => !known.has(code));
  }

  async exists(code: string): Promise<boolean> {
    return (await this.divisions.findByCode(code)) !== null;
  }
}
