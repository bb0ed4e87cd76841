// The devices list of the console (docs/accounts.md "Devices").
import type { DeviceListResponse } from '../../../../shared/admin/devices';
import { fetchDevices, type DeviceFilters } from '../../../sync/admin-api';
import { usePagedList } from './use-paged-list';

const devicesOf = (page: DeviceListResponse) => page.devices;

export function useDevices(filters: DeviceFilters) {
  return usePagedList(fetchDevices, devicesOf, filters);
}
