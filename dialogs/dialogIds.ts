/** Every dialog id in one place. */
export const DialogIds = {
  checkIn: 'checkIn',
} as const;
