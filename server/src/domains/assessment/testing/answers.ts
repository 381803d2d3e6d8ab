import type { Answers } from '@mlob/contracts';

/** A poor rural household under the illustrative rural model: score 20, level 2. */
export const POOR_RURAL: Answers = {
  roof_material: 'thatch',
  wall_material: 'bamboo',
  floor_area_m2: 24,
  house_condition: 'fair',
  residential_land: 'small',
  agricultural_land_ha: 0.5,
  income_sources: ['casual_labour', 'farming'],
  food_shortage_months: 2,
  transport: ['bicycle'],
  productive_equipment: [],
  large_livestock: 1,
  appliances: ['mobile_phone'],
  dependency_ratio_pct: 50,
  serious_illness: false,
  disability_care: false,
  lost_main_earner: false,
  disaster_loss: false,
  heavy_debt: false,
};

/** The rural answers without the computed ones (what an interviewer enters). */
export function enteredAnswers(answers: Answers): Answers {
  const { dependency_ratio_pct: _computed, ...rest } = answers;
  return rest;
}
