// The guide editor's draft → request: what the admin typed becomes the API's body (trimmed, empty
// lines dropped, kept and new pictures told apart), and a bad field is named by its path.
import { describe, expect, it } from 'vitest';
import { draftOfGuide, nextStepId, publishBodyOf, type GuideDraft } from './guide-draft';

const JPEG = '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAAIAAgBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
const KEPT = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';

function draft(): GuideDraft {
  return {
    summary: '  ',
    steps: [
      { id: 's1', text: ' Mở VNeID. ', imageId: KEPT, newImage: null, src: 'data:' },
      { id: 's4', text: 'Nhập mã OTP.', imageId: null, newImage: { mime: 'image/jpeg', data: JPEG, width: 8, height: 8 }, src: 'data:' },
    ],
    bring: 'Thẻ căn cước\n\n  Điện thoại  \n',
    failures: [{ key: 'f', problem: 'Không nhận OTP', action: 'Ra chỗ có sóng.', barrier: 'weak_network', contactRoleId: '' }],
    sourceTitle: 'Công an xã',
    sourceUrl: 'https://camthanh.camlo.quangtri.gov.vn/',
  };
}

describe('guide draft', () => {
  it('becomes the API body: trimmed text, one thing a line, kept and new pictures apart, empty choices null', () => {
    const result = publishBodyOf(draft(), 3);
    expect(result).toEqual({
      body: {
        basedOn: 3,
        summary: null,
        steps: [
          { id: 's1', text: 'Mở VNeID.', imageId: KEPT },
          { id: 's4', text: 'Nhập mã OTP.', newImage: { mime: 'image/jpeg', data: JPEG, width: 8, height: 8 } },
        ],
        bring: ['Thẻ căn cước', 'Điện thoại'],
        failures: [{ problem: 'Không nhận OTP', action: 'Ra chỗ có sóng.', barrier: 'weak_network', contactRoleId: null }],
        sourceTitle: 'Công an xã',
        sourceUrl: 'https://camthanh.camlo.quangtri.gov.vn/',
      },
    });
  });

  it('names the field refused: an empty step, a plain http source', () => {
    const empty = draft();
    empty.steps[1]!.text = '  ';
    expect(publishBodyOf(empty, 1)).toEqual({ path: 'steps.1.text' });
    expect(publishBodyOf({ ...draft(), sourceUrl: 'http://camthanh.camlo.quangtri.gov.vn/' }, 1)).toEqual({ path: 'sourceUrl' });
  });

  it('gives a new step an id no other step of the version has', () => {
    expect(nextStepId(draft().steps)).toBe('s5');
    expect(nextStepId([])).toBe('s1');
  });

  it('starts a first version with one empty step and an https source to complete', () => {
    expect(draftOfGuide(null)).toMatchObject({ steps: [{ id: 's1', text: '' }], sourceUrl: 'https://', failures: [] });
  });
});
