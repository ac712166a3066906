/** Every dialog id in one place. */
export const DialogIds = {
  checkIn: 'checkIn',
  groupQuestion: 'groupQuestion',
} as const;
