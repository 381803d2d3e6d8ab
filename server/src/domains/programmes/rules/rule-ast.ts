/** The parsed form of an eligibility rule. Positions point into the rule text for errors. */
export type Literal = number | string | boolean;
export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface Position {
  line: number;
  column: number;
}

export type RuleNode =
  | { kind: 'and' | 'or'; items: RuleNode[]; at: Position }
  | { kind: 'not'; item: RuleNode; at: Position }
  | { kind: 'compare'; field: string; op: ComparisonOp; value: Literal; at: Position }
  | { kind: 'in'; field: string; values: Literal[]; at: Position }
  | { kind: 'count'; where: RuleNode | null; op: ComparisonOp; value: number; at: Position }
  | { kind: 'literal'; value: boolean; at: Position };

export class RuleError extends Error {
  constructor(
    message: string,
    readonly at: Position,
  ) {
    super(`line ${at.line}, column ${at.column}: ${message}`);
    this.name = 'RuleError';
  }
}
