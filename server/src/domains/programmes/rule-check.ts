import { refused } from './refusals';
import { RuleError, type RuleNode } from './rules/rule-ast';
import { parseRule } from './rules/rule-parser';

/** Parses a rule, turning a RuleError into a validation error naming the field, line and column. */
export function parseRuleOrFail(text: string, path: (string | number)[]): RuleNode {
  try {
    return parseRule(text);
  } catch (error) {
    if (error instanceof RuleError)
      throw refused('validation_failed', 'rule_invalid', {
        args: { problem: error.message },
        details: [{ path, message: error.message, value: { line: error.at.line, column: error.at.column } }],
      });
    throw error;
  }
}

/**
 * Parses a member condition (a benefit category such as `age <= 5 or has_disability`): the
 * rule grammar allows member fields inside count(members where …), so the condition is parsed
 * there and taken back out.
 */
export function parseMemberConditionOrFail(text: string, path: (string | number)[]): RuleNode {
  const prefix = 'count(members where ';
  let node: RuleNode;
  try {
    node = parseRule(`${prefix}${text}) >= 0`);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    // Positions on the first line are shifted back to the condition as written.
    const at = {
      line: error.at.line,
      column: error.at.line === 1 ? Math.max(1, error.at.column - prefix.length) : error.at.column,
    };
    const message = error.message.replace(/^line \d+, column \d+: /, '');
    throw refused('validation_failed', 'category_invalid', {
      args: { line: at.line, column: at.column, problem: message },
      details: [{ path, message, value: at }],
    });
  }
  if (node.kind !== 'count' || !node.where)
    throw refused('validation_failed', 'category_one_condition', {
      path,
      detailMessage: 'write one member condition, e.g. age <= 5 or has_disability',
    });
  return node.where;
}
