import type { dayEn } from './day-en';

/** Kiswahili kwa siku ya meneja: zamu, kuhesabu pesa, ripoti za X na Z. */
export const daySw: Record<keyof typeof dayEn, string> = {
  'error.NO_OPEN_SHIFT': 'Hakuna zamu iliyo wazi kwenye till hii. Fungua zamu na pesa za kuanzia zilizohesabiwa (F9), kisha uuze.',
  'error.SHIFT_ALREADY_OPEN': 'Zamu tayari iko wazi kwenye till hii (imefunguliwa na {name}). Ifunge kabla ya kufungua nyingine.',
  'error.SHIFT_NOT_YOURS': 'Zamu hii ilifunguliwa na {name}: ni yeye au msimamizi tu anayeweza kufanya hivyo.',
  'error.DRAWER_SHORT': 'Droo inapaswa kuwa na {expected} tu: malipo ya kutoa hayawezi kuzidi kiasi hicho.',
  'error.SHIFT_STILL_OPEN': 'Zamu iliyofunguliwa na {name} bado iko wazi: ifunge kwa kuhesabu pesa kabla ya kuchukua ripoti ya Z.',
  'error.Z_ALREADY_TAKEN': 'Ripoti ya Z ya {date} tayari imechukuliwa. Ichapishe tena kutoka orodha ya ripoti za Z.',
  'error.Z_NOT_FOUND': 'Hakuna ripoti ya Z namba {zNumber}.',
};
