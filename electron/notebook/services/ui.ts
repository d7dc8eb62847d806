/** `ui.*`: the workspace's Recent list and link-chart positions, kept in the notebook's ui.json. */
import type { DossierHandlers } from '../../api/contract';
import { readUiState, writeUiState, type UiStores } from '../ui-state';

export type UiService = Pick<DossierHandlers, 'ui.get' | 'ui.set'>;

export function uiService(nb: UiStores): UiService {
  return {
    'ui.get': async () => readUiState(nb),
    'ui.set': async (patch) => writeUiState(nb, patch),
  };
}
