'use client';

import { changeAdminPasswordAction } from '@/app/admin/(signed-in)/account/actions';
import { PasswordChangeForm } from '@/components/forms/password-change-form';
import { adminButton } from '@/components/admin/styles';

export function AdminPasswordForm({ minLength }: { minLength: number }) {
  return (
    <PasswordChangeForm
      action={changeAdminPasswordAction}
      minLength={minLength}
      hint={`At least ${minLength} characters; a passphrase of several words works well.`}
      buttonClassName={adminButton}
    />
  );
}
