/** The states a flag toggle reads as, whatever the provider's words. */
export const FLAG_ON = 'on';
export const FLAG_OFF = 'off';
