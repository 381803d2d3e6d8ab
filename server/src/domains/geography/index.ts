export { convertGazetteer } from './gazetteer-convert';
export { geographyRoutes } from './geography.routes';
export {
  daysFromTodayInCambodia,
  ensureGazetteer,
  readGazetteerFile,
  SHIPPED_GAZETTEER,
  todayInCambodia,
} from './geography.service';
