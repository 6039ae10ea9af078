import { adminHandlers } from '@/lib/auth/admin-auth';

export const { GET, POST } = adminHandlers;
